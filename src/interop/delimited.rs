//! Records of a CSV-like text: fields split by one character, `"` quoting
//! (a quoted field may hold the separator, newlines and `""`), one record a line.
use std::borrow::Cow;

/// One record and where it stands in the text.
#[derive(Debug, PartialEq)]
pub struct Record {
    /// The 1-based line it starts on.
    pub line: usize,
    pub fields: Vec<String>,
    /// The record's text as in the file, without its line ending.
    pub raw: String,
}

/// Splits `text` (starting at line `first_line`) into records. Blank lines and,
/// with `comments`, lines starting with `#` are skipped. A quote that is never
/// closed is returned as the line where it opened; nothing after it is read.
pub fn records(
    text: &str,
    separator: char,
    first_line: usize,
    comments: bool,
) -> (Vec<Record>, Option<usize>) {
    let mut out = Vec::new();
    let mut line = first_line;
    let mut rest = text;
    while !rest.is_empty() {
        let start_line = line;
        let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let first = rest[..line_end].trim_end_matches(['\n', '\r']);
        if first.trim().is_empty() || (comments && first.starts_with('#')) {
            rest = &rest[line_end..];
            line += 1;
            continue;
        }
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut chars = rest.char_indices().peekable();
        let mut end = rest.len();
        let mut at_field_start = true;
        let mut in_quotes = false;
        while let Some((i, c)) = chars.next() {
            if in_quotes {
                match c {
                    '"' if chars.peek().is_some_and(|&(_, n)| n == '"') => {
                        field.push('"');
                        chars.next();
                    }
                    '"' => in_quotes = false,
                    '\n' => {
                        line += 1;
                        field.push('\n');
                    }
                    '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => {}
                    c => field.push(c),
                }
                continue;
            }
            match c {
                '"' if at_field_start => {
                    in_quotes = true;
                    at_field_start = false;
                }
                '\n' => {
                    end = i + 1;
                    break;
                }
                '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => {}
                c if c == separator => {
                    fields.push(std::mem::take(&mut field));
                    at_field_start = true;
                }
                c => {
                    field.push(c);
                    at_field_start = false;
                }
            }
        }
        if in_quotes {
            return (out, Some(start_line));
        }
        fields.push(field);
        out.push(Record {
            line: start_line,
            fields,
            raw: rest[..end].trim_end_matches(['\n', '\r']).to_owned(),
        });
        rest = &rest[end..];
        line += 1;
    }
    (out, None)
}

/// A field written so that [`records`] reads it back: quoted when it holds the
/// separator, a quote or a line break, or starts with `#`.
pub fn field(text: &str, separator: char) -> String {
    if text.contains([separator, '"', '\n', '\r']) || text.starts_with('#') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// A whole record and its line ending.
pub fn line(fields: &[String], separator: char) -> String {
    let mut out = fields
        .iter()
        .map(|f| field(f, separator))
        .collect::<Vec<_>>()
        .join(&separator.to_string());
    out.push('\n');
    out
}

/// A CSV record of cells no spreadsheet runs as formulas: see [`spreadsheet_cell`].
pub fn csv_line(fields: &[String]) -> String {
    let mut out = fields
        .iter()
        .map(|f| match spreadsheet_cell(f) {
            Cow::Borrowed(f) => field(f, ','),
            // OWASP also asks for the quotes around a neutralised cell.
            Cow::Owned(f) => format!("\"{}\"", f.replace('"', "\"\"")),
        })
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    out
}

/// Spreadsheets (Excel, LibreOffice, Google Sheets) run a cell that starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return as a formula, which can fetch or run things. As
/// OWASP advises ("CSV Injection"), such a cell gets a leading `'`, which they show as text.
/// A cell already written as quotes before such a character gets one more quote, so that
/// [`spreadsheet_value`] reads every cell back as it was.
pub fn spreadsheet_cell(text: &str) -> Cow<'_, str> {
    if text.trim_start_matches('\'').starts_with(FORMULA_START) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A cell as [`spreadsheet_cell`] had it before it was written.
pub fn spreadsheet_value(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_START) => rest,
        _ => cell,
    }
}

const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_read_back() {
        let fields: Vec<String> = [
            "=HYPERLINK(\"http://x\")",
            "+1",
            "-500",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "'=already",
            "it's fine",
            "2018",
        ]
        .map(String::from)
        .into();
        let text = csv_line(&fields);
        assert!(
            text.starts_with("\"'=HYPERLINK(\"\"http://x\"\")\",\"'+1\",\"'-500\""),
            "{text}"
        );
        let (recs, _) = records(&text, ',', 1, false);
        for (cell, field) in recs[0].fields.iter().zip(&fields) {
            assert!(!cell.starts_with(FORMULA_START), "{cell:?}");
            assert_eq!(spreadsheet_value(cell), field);
        }
        assert_eq!(spreadsheet_value("'plain"), "'plain");
    }

    #[test]
    fn quoted_fields_hold_separators_quotes_and_newlines() {
        let text = "a,b\n\n\"x, y\",\"say \"\"hi\"\"\nthere\"\r\nlast,one";
        let (recs, open) = records(text, ',', 1, false);
        assert_eq!(open, None);
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[1].fields, ["x, y", "say \"hi\"\nthere"]);
        assert_eq!(recs[1].line, 3);
        assert_eq!(recs[1].raw, "\"x, y\",\"say \"\"hi\"\"\nthere\"");
        assert_eq!(recs[2].line, 5);
    }

    #[test]
    fn an_unclosed_quote_names_its_line() {
        let (recs, open) = records("a,b\n\"c,d\ne,f\n", ',', 1, false);
        assert_eq!(recs.len(), 1);
        assert_eq!(open, Some(2));
    }

    #[test]
    fn written_fields_read_back() {
        let fields: Vec<String> = ["plain", "a,b", "say \"x\"", "two\nlines", "#tag"]
            .map(String::from)
            .into();
        let (recs, _) = records(&line(&fields, ','), ',', 1, true);
        assert_eq!(recs[0].fields, fields);
    }
}

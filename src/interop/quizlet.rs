//! Quizlet's export: term, separator, definition, one card a row, no quoting.
//! Quizlet lets the user choose both separators (tab, comma or any text between
//! term and definition; a new line, a semicolon or any text between rows), so
//! both are found from the file when not given. Each row is split at its first
//! separator: a definition may hold it.
use super::{Parsed, Row};

/// Separators tried first, in this order: Quizlet's own choices and common ones.
const KNOWN: [&str; 9] = ["\t", "/////", "---", " -- ", " - ", " :: ", " | ", ",", ";"];

/// The term/definition separator of `rows`: a known one that nearly every row
/// has, else the run of punctuation that nearly every row has.
pub fn detect_separator(rows: &[&str]) -> Option<String> {
    let rows: Vec<&str> = rows
        .iter()
        .copied()
        .filter(|r| !r.trim().is_empty())
        .collect();
    if rows.is_empty() {
        return None;
    }
    let enough = |n: usize| n * 10 >= rows.len() * 9;
    // A tab is in no term or definition: most rows having one is enough.
    if rows.iter().filter(|r| r.contains('\t')).count() * 2 >= rows.len() {
        return Some("\t".into());
    }
    for sep in KNOWN {
        if enough(rows.iter().filter(|r| r.contains(sep)).count()) {
            return Some(sep.to_owned());
        }
    }
    // A custom separator: the punctuation run (with its spaces) in most rows.
    let mut counts: std::collections::HashMap<&str, usize> = Default::default();
    for row in &rows {
        let mut seen = std::collections::HashSet::new();
        for run in punctuation_runs(row) {
            if seen.insert(run) {
                *counts.entry(run).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|(_, n)| enough(*n))
        .max_by_key(|(run, n)| (*n, run.len()))
        .map(|(run, _)| run.to_owned())
}

/// Runs of symbols or punctuation with the spaces around them: ` => `, `::`.
fn punctuation_runs(row: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = row.char_indices().collect();
    let mut i = 0;
    let is_mark = |c: char| !c.is_alphanumeric() && !c.is_whitespace() && !"'\"()[]?.".contains(c);
    while i < chars.len() {
        if !is_mark(chars[i].1) {
            i += 1;
            continue;
        }
        let mut start = i;
        while start > 0 && chars[start - 1].1 == ' ' {
            start -= 1;
        }
        let mut end = i;
        while end < chars.len() && is_mark(chars[end].1) {
            end += 1;
        }
        while end < chars.len() && chars[end].1 == ' ' {
            end += 1;
        }
        let byte_end = chars.get(end).map_or(row.len(), |c| c.0);
        if start > 0 && byte_end < row.len() {
            out.push(&row[chars[start].0..byte_end]);
        }
        i = end;
    }
    out
}

/// The rows of `text`: split by `row_separator` when given, else by lines, or
/// by a line of punctuation alone (`;;`) when the file puts one between cards,
/// or by `;` when the whole file is one line of several cards.
pub fn rows<'t>(text: &'t str, row_separator: Option<&str>) -> Vec<(usize, &'t str)> {
    let split = |sep: &str| -> Vec<(usize, &'t str)> {
        let mut line = 1;
        text.split(sep)
            .map(|row| {
                let at = line;
                line += row.matches('\n').count() + sep.matches('\n').count();
                let trimmed = row.trim_matches(['\n', '\r']);
                let leading = row.len() - row.trim_start_matches(['\n', '\r']).len();
                (at + row[..leading].matches('\n').count(), trimmed)
            })
            .filter(|(_, r)| !r.trim().is_empty())
            .collect()
    };
    if let Some(sep) = row_separator {
        return split(sep);
    }
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let marker = |l: &&str| {
        let t = l.trim();
        !t.is_empty()
            && t.chars().count() <= 5
            && t.chars()
                .all(|c| !c.is_alphanumeric() && !c.is_whitespace())
    };
    if let Some(first) = lines.iter().find(|l| marker(l)).map(|l| l.trim())
        && lines.iter().filter(|l| l.trim() == first).count() * 3 >= lines.len() - 1
        && lines.len() > 2
    {
        let sep = format!("\n{first}\n");
        return split(&sep);
    }
    if lines.len() == 1 && text.matches(';').count() >= 2 {
        return split(";");
    }
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, r)| !r.trim().is_empty())
        .collect()
}

pub fn parse(
    path: &str,
    text: &str,
    separator: &str,
    row_separator: Option<&str>,
    swap: bool,
) -> Parsed {
    let mut parsed = Parsed::default();
    let shown = if separator == "\t" {
        "tab".to_owned()
    } else {
        format!("`{separator}`")
    };
    for (line, raw) in rows(text, row_separator) {
        let Some((term, definition)) = raw.split_once(separator) else {
            parsed.problem(
                path,
                line,
                format!("no {shown} between term and definition"),
                "write `term<separator>definition`, or pass the separator the file uses with --separator",
            );
            continue;
        };
        let (prompt, answer) = if swap {
            (definition, term)
        } else {
            (term, definition)
        };
        parsed.push(
            path,
            Row {
                line,
                raw: raw.to_owned(),
                prompt: super::html::tidy(&super::html::plain(prompt)),
                answer: super::html::tidy(&super::html::plain(answer)).replace('\n', " "),
                ..Row::default()
            },
        );
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_tab(text: &str) -> Parsed {
        parse("q.txt", text, "\t", None, false)
    }

    #[test]
    fn reads_terms_and_definitions_and_reports_bad_lines() {
        let parsed =
            parse_tab("Armistice\t1953\n\nno tab here\nJoint Statement\t1972\textra\nEmpty\t \n");
        let prompts: Vec<&str> = parsed.rows.iter().map(|r| r.prompt.as_str()).collect();
        assert_eq!(prompts, ["Armistice", "Joint Statement"]);
        assert_eq!(parsed.rows[0].raw, "Armistice\t1953");
        // Split at the first separator: the definition keeps the rest.
        assert_eq!(parsed.rows[1].answer, "1972 extra");
        let lines: Vec<usize> = parsed.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [3, 5]);
        assert!(parsed.problems[0].message.contains("no tab between"));
        assert!(parsed.problems[1].message.contains("no answer"));
    }

    #[test]
    fn separators_are_found_from_the_rows() {
        let detect = |text: &str| detect_separator(&text.lines().collect::<Vec<_>>());
        assert_eq!(detect("a\tb, c\nd\te").as_deref(), Some("\t"));
        assert_eq!(detect("a---b, c\nd---e").as_deref(), Some("---"));
        assert_eq!(detect("a/////b\nd/////e - x").as_deref(), Some("/////"));
        assert_eq!(
            detect("Seoul,capital, since 1394\nBusan,port").as_deref(),
            Some(",")
        );
        assert_eq!(
            detect("Seoul => capital\nBusan => port").as_deref(),
            Some(" => ")
        );
        assert_eq!(detect("no separator\nat all"), None);
    }

    #[test]
    fn rows_may_be_split_by_a_marker_line_or_semicolons() {
        let text = "Juche :: self-reliance,\nan ideology\n;;\nHallyu :: the Korean wave\n;;\nDMZ :: the zone\n";
        let rows = rows(text, None);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0], (1, "Juche :: self-reliance,\nan ideology"));
        assert_eq!(rows[1].0, 4);
        assert_eq!(super::rows("a\tb;c\td;e\tf", None).len(), 3);
        assert_eq!(super::rows("a-b@@c-d", Some("@@")).len(), 2);
        let parsed = parse("q.txt", "1953\tArmistice\n", "\t", None, true);
        assert_eq!(
            (
                parsed.rows[0].prompt.as_str(),
                parsed.rows[0].answer.as_str()
            ),
            ("Armistice", "1953")
        );
    }
}

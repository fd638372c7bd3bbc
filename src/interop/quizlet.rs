//! Quizlet's export: one card a line, term and definition split by a separator
//! (a tab unless chosen otherwise), no quoting.
use super::{Parsed, Row};

pub fn parse(path: &str, text: &str, separator: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let shown = if separator == "\t" {
        "tab".to_owned()
    } else {
        format!("`{separator}`")
    };
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let parts: Vec<&str> = raw.split(separator).collect();
        if parts.len() != 2 {
            let found = if parts.len() == 1 {
                format!("no {shown} between term and definition")
            } else {
                format!("{} columns split by {shown}, not 2", parts.len())
            };
            parsed.problem(
                path,
                line,
                found,
                "write `term<separator>definition`; if a definition holds the separator, export from Quizlet with another one and pass it with --separator",
            );
            continue;
        }
        parsed.push(
            path,
            Row {
                line,
                raw: raw.to_owned(),
                prompt: parts[0].trim().to_owned(),
                answer: parts[1].trim().to_owned(),
                ..Row::default()
            },
        );
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_terms_and_definitions_and_reports_bad_lines() {
        let parsed = parse(
            "q.txt",
            "Armistice\t1953\n\nno tab here\nJoint Statement\t1972\textra\nEmpty\t \n",
            "\t",
        );
        let prompts: Vec<&str> = parsed.rows.iter().map(|r| r.prompt.as_str()).collect();
        assert_eq!(prompts, ["Armistice"]);
        assert_eq!(parsed.rows[0].raw, "Armistice\t1953");
        let lines: Vec<usize> = parsed.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [3, 4, 5]);
        assert!(parsed.problems[1].message.contains("3 columns"));
        assert!(parsed.problems[2].message.contains("no answer"));
    }

    #[test]
    fn a_chosen_separator_splits_instead_of_tabs() {
        let parsed = parse("q.txt", "Panmunjom Declaration - 2018\n", " - ");
        assert_eq!(parsed.rows[0].answer, "2018");
    }
}

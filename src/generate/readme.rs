//! What a README table beside a text says of it: the id it is cited by and the day it was
//! written (`| 002_d0a4df819283f731.txt | `rfi-hotline-2021` | News report (RFI) | 27 July 2021 |`).
use super::dates::{self, When};
use crate::date::HistDate;

/// A README row about one file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct About {
    /// The first cell in backticks that is not the file's name.
    pub id: Option<String>,
    /// The cell under a `date of the text` heading, when it is a date.
    pub dated: Option<HistDate>,
}

/// The row of `readme`'s tables that names `file` (a cell that is its name, bare or in
/// backticks); `None` if no row does.
pub fn about(readme: &str, file: &str) -> Option<About> {
    let lines: Vec<&str> = readme.lines().map(str::trim).collect();
    let cells =
        |line: &str| -> Vec<String> { line.split('|').map(|c| c.trim().to_owned()).collect() };
    let separator = |line: &str| line.starts_with('|') && line.chars().all(|c| "|-: ".contains(c));
    // The column of the table being read that holds the date of the text.
    let mut date_column: Option<usize> = None;
    for (k, line) in lines.iter().enumerate() {
        if !line.starts_with('|') {
            date_column = None;
            continue;
        }
        if separator(line) {
            continue;
        }
        let row = cells(line);
        if lines.get(k + 1).is_some_and(|next| separator(next)) {
            date_column = row
                .iter()
                .position(|c| c.eq_ignore_ascii_case("date of the text"));
            continue;
        }
        if !row.iter().any(|c| c.trim_matches('`') == file) {
            continue;
        }
        let id = row.iter().find_map(|c| {
            c.strip_prefix('`')
                .and_then(|c| c.strip_suffix('`'))
                .filter(|id| *id != file)
                .map(str::to_owned)
        });
        let dated = date_column
            .and_then(|c| row.get(c))
            .and_then(|c| text_date(c));
        return Some(About { id, dated });
    }
    None
}

/// The day a text was written, as a README cell gives it: `27 July 2021` (a day), `early
/// January 2018` (a month), `2025` (a year). Anything more or less than one date (`1960–1963
/// entries`, `current to late 2025`) gives none.
pub fn text_date(cell: &str) -> Option<HistDate> {
    let cell = cell.trim();
    match dates::find(cell).as_slice() {
        [m] if m.phrase == (0..cell.len()) => match m.when {
            When::Date(date, None) => Some(date),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_of_a_text_at_the_precision_the_cell_gives() {
        let cases = [
            ("27 July 2021", HistDate::day(2021, 7, 27)),
            ("July 27, 2021", HistDate::day(2021, 7, 27)),
            ("early January 2018", HistDate::month(2018, 1)),
            ("2025", Some(HistDate::year(2025))),
            ("current to late 2025", None),
            ("1960–1963 entries", None),
            ("1960–1963", None),
            ("", None),
            ("the day after 27 July 2021", None),
        ];
        for (cell, want) in cases {
            assert_eq!(text_date(cell), want, "{cell}");
        }
    }

    #[test]
    fn the_row_naming_the_file_gives_its_id_and_date() {
        let readme = "# Sources\n\n| file | id to cite | what | date of the text |\n|---|---|---|---|\n| 001.txt | `archive` | a listing | 1960–1963 entries |\n| 002.txt | `rfi-2021` | a report | 27 July 2021 |\n\n| `003.txt` | `other` |\n|---|---|\n| `004.txt` | `no-date` |\n";
        assert_eq!(
            about(readme, "002.txt"),
            Some(About {
                id: Some("rfi-2021".into()),
                dated: HistDate::day(2021, 7, 27),
            })
        );
        assert_eq!(
            about(readme, "001.txt"),
            Some(About {
                id: Some("archive".into()),
                dated: None,
            })
        );
        // A table without the column gives no date.
        assert_eq!(
            about(readme, "004.txt"),
            Some(About {
                id: Some("no-date".into()),
                dated: None,
            })
        );
        assert_eq!(about(readme, "005.txt"), None);
    }
}

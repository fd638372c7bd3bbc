//! The question's wording: a fact's sentence without the date it asks for, or with it blanked,
//! so that it keeps its sense and does not hold its answer.
use std::ops::Range;

use super::dates::When;
use super::facts::Dated;
use super::text::tokens;

/// The sentence without the date it is asked about: a date phrase like `In 1998,` or `on
/// 9 October` is taken out when it is the only date; otherwise the date is blanked (`until ___`,
/// `the ___ Winter Olympics`) so that the sentence keeps its sense.
pub fn edit_out(sentence: &str, dated: &Dated, dates_in_sentence: usize) -> String {
    let Some(m) = &dated.mention else {
        return finish(sentence);
    };
    let relative =
        matches!(m.when, When::Days(_) | When::Months(_) | When::Years(_)) && m.prep.is_none();
    let removable = matches!(
        m.prep.as_deref(),
        Some("in" | "on" | "during" | "for" | "at" | "from" | "between")
    ) || relative;
    let keeps_inside = m.gap.is_some() && dated.until.is_some();
    let out = if dates_in_sentence == 1 && !m.attributive && removable && !keeps_inside {
        remove(sentence, m.phrase.clone())
    } else {
        // `in his ___ speech in ___`: words inside the date stay.
        let blank = match &m.gap {
            Some(gap) => format!("___ {} ___", sentence[gap.clone()].trim()),
            None => "___".to_owned(),
        };
        format!(
            "{}{blank}{}",
            &sentence[..m.words.start],
            &sentence[m.words.end..]
        )
    };
    finish(&without_year(&unmark_heading(&out), dated))
}

/// The text with the fact's years blanked wherever else the sentence writes them (`the Greek
/// Revolution of 1821 ... between ___`), so that no question holds its answer.
pub(super) fn without_year(what: &str, dated: &Dated) -> String {
    let years: Vec<String> = std::iter::once(dated.date)
        .chain(dated.until)
        .map(|d| d.get_year().to_string())
        .collect();
    tokens(what)
        .iter()
        .rev()
        .filter(|t| years.iter().any(|y| t.text == y))
        .fold(what.to_owned(), |mut out, t| {
            out.replace_range(t.range.clone(), "___");
            out
        })
}

pub(super) fn remove(s: &str, phrase: Range<usize>) -> String {
    let before = &s[..phrase.start];
    let mut after = &s[phrase.end..];
    // `the ambassador on September 1, 1915, sent`: the comma after the year is the date's.
    let us_style = {
        let words: Vec<&str> = s[phrase.clone()].split_whitespace().collect();
        words.len() >= 3
            && words[words.len() - 2].ends_with(',')
            && words[words.len() - 1].len() == 4
            && words[words.len() - 1].bytes().all(|b| b.is_ascii_digit())
    };
    if us_style && !before.trim_end().ends_with(',') && !before.trim().is_empty() {
        after = after.strip_prefix(',').unwrap_or(after);
    }
    if before.trim().is_empty() {
        let rest = after.trim_start().trim_start_matches(',').trim_start();
        return capitalize(rest);
    }
    let before = before.trim_end();
    let after = after.trim_start();
    let joined = if after.starts_with([',', '.', ';', ':', '!', '?']) {
        let before = if after.starts_with([',', '.', ';']) {
            before.trim_end_matches(',')
        } else {
            before
        };
        format!("{before}{after}")
    } else if before.ends_with(',') && after.is_empty() {
        before.trim_end_matches(',').to_owned()
    } else {
        format!("{before} {after}")
    };
    joined.replace(",,", ",")
}

pub(super) fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A run-in heading's marks (`=The Lusitania Notes.=--`) read as a label: `The Lusitania Notes:`.
pub(super) fn unmark_heading(s: &str) -> String {
    let Some(heading) = super::text::run_in_heading(s) else {
        return s.to_owned();
    };
    let mark = if s.starts_with('=') { "=" } else { &s[..2] };
    let close = s[mark.len()..].find(mark).map_or(0, |c| c + 2 * mark.len());
    let rest = s[close..]
        .trim_start_matches(['-', '—', '–', ':', ' '])
        .trim_start_matches([',', ' ']);
    format!("{heading}: {rest}")
}

/// One line, ending like a sentence.
pub(super) fn finish(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let end = s.trim_end_matches(['"', '\'', '”', '’', ')']);
    if end.ends_with(['.', '!', '?']) {
        s
    } else {
        format!("{}.", s.trim_end_matches([',', ';', ':', ' ']))
    }
}

/// Words that open a sentence without saying who or what: the fact needs a look.
pub fn dangling(what: &str) -> bool {
    const OPENERS: [&str; 14] = [
        "he", "she", "it", "they", "this", "these", "that", "those", "its", "his", "her", "their",
        "such", "both",
    ];
    let first = what.split_whitespace().next().unwrap_or("").to_lowercase();
    let two: Vec<String> = what
        .split_whitespace()
        .take(2)
        .map(str::to_lowercase)
        .collect();
    // "The film was released", "The summit was followed": a thing named before, not here.
    let refers_back = two.len() == 2
        && two[0] == "the"
        && what
            .split_whitespace()
            .nth(1)
            .is_some_and(|w| w.starts_with(char::is_lowercase))
        && what.split_whitespace().nth(2).is_some_and(|w| {
            matches!(
                w,
                "was" | "were" | "had" | "has" | "is" | "also" | "then" | "continued"
            )
        });
    OPENERS.contains(&first.as_str())
        || two == ["the", "two"]
        || two == ["the", "three"]
        || refers_back
}
